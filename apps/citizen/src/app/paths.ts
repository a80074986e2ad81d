/** Every route of the app, in English. Deep links to each of these work (the server falls back to index.html). */
export const PATHS = {
  home: '/',
  reports: '/reports',
  planning: '/planning',
  appointments: '/appointments',
  cameras: '/cameras',
  nationalPortal: '/portals/national',
  provincialPortal: '/portals/provincial',
  police: '/directory/police',
  health: '/directory/health',
  news: '/news',
} as const;

/** A feature on the home grid; its name is `features.<id>.title` and its icon has the same id. */
export type FeatureId = Exclude<keyof typeof PATHS, 'home'>;

/** The home grid, in the order citizens see it. */
export const HOME_FEATURES: readonly FeatureId[] = [
  'reports',
  'planning',
  'appointments',
  'cameras',
  'nationalPortal',
  'provincialPortal',
  'police',
  'health',
  'news',
];
