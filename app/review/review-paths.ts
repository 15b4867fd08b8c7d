/** The review plate's page routes, in one place for links and redirects. */
export const REVIEW_PATHS = {
  /** Submissions: an applicant's own with the upload form, a planner's region queue. */
  submissions: '/review',
  /** One submission's review workspace. */
  submission: (id: string) => `/review/submissions/${id}`,
  /** Parcels and their planning conditions (planners and admins edit; applicants read). */
  parcels: '/review/parcels',
  twin: '/',
} as const;

/** Roles that open the review pages. */
export const REVIEW_PAGE_ROLES = ['applicant', 'planner', 'admin'] as const;
