-- Custom migration (drizzle-kit generate --custom --name accounts-audit-append-only): the audit trail is append-only.
-- Any UPDATE, DELETE or TRUNCATE of accounts_audit_log raises, whoever the database user is (issue #3: "append-only").
CREATE FUNCTION accounts_audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'accounts_audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_audit_log_no_update_delete BEFORE UPDATE OR DELETE ON accounts_audit_log
  FOR EACH ROW EXECUTE FUNCTION accounts_audit_log_reject_change();
--> statement-breakpoint
CREATE TRIGGER accounts_audit_log_no_truncate BEFORE TRUNCATE ON accounts_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION accounts_audit_log_reject_change();
