/**
 * Seed definition of the central-Nanchang road network layer (KDD Cup 2021 CityBrain, round 3).
 * The datum decision and its evidence: data/twin/README.md "Road network datum".
 */
export const NANCHANG_ROAD_NETWORK = {
  /** Relative to SHARED_DATA_DIR. */
  file: 'geo/nanchang_roadnet_citybrain.geojson',
  /** Datum of the source lon/lat as decided by the check in README.md; GCJ-02 would be converted on import. */
  sourceDatum: 'WGS84' as 'WGS84' | 'GCJ-02',
  source:
    'KDD Cup 2021 City Brain Challenge roadnet_round3 (CityBrainChallenge/KDDCup2021-CityBrainChallenge-starter-kit @42ec6a08), ' +
    'probably OSM-derived (ODbL assumed); 3,041 straight intersection-to-intersection segments',
} as const;
