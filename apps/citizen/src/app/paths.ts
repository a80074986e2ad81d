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

/**
 * A news post (`/news/:id`): the address that shared links and Zalo deep links use. Posts do not exist yet, so
 * it opens the news page.
 */
export const NEWS_POST_PATH = '/news/:id';

/** The field-report screens under {@link PATHS.reports}; `:code` is a reference code such as PA-2025-000012. */
export const REPORT_PATHS = {
  hub: PATHS.reports,
  new: '/reports/new',
  mine: '/reports/mine',
  mineDetail: '/reports/mine/:code',
  public: '/reports/public',
  publicDetail: '/reports/public/:code',
  followedDetail: '/reports/followed/:code',
  notifications: '/reports/notifications',
} as const;

/** The address of one of my reports. */
export const myReportPath = (code: string) => `${REPORT_PATHS.mine}/${encodeURIComponent(code)}`;
/** The address of a published result. */
export const publicReportPath = (code: string) => `${REPORT_PATHS.public}/${encodeURIComponent(code)}`;
/** The address of a report this device follows (open or published). */
export const followedReportPath = (code: string) => `/reports/followed/${encodeURIComponent(code)}`;

/** The appointment screens under {@link PATHS.appointments}; `:code` is an 8-character booking code. */
export const APPOINTMENT_PATHS = {
  hub: PATHS.appointments,
  /** `?centre=<id>&field=<id>` may preselect a centre and a field (links from a centre's poster or page). */
  new: '/appointments/new',
  mine: '/appointments/mine',
  /** "Lấy số từ xa": today's number from the phone. */
  remote: '/appointments/remote',
  mineDetail: '/appointments/mine/:code',
  reschedule: '/appointments/mine/:code/reschedule',
  /**
   * The live queue number (public, no sign-in): the kiosk at the centre prints or shows this address, so it
   * stays short and outside /appointments. `:ticketId` is the ticket's unguessable id.
   */
  ticket: '/tickets/:ticketId',
} as const;

/** The address of one of my bookings (the confirmation screen). */
export const bookingPath = (code: string) => `${APPOINTMENT_PATHS.mine}/${encodeURIComponent(code)}`;
/** The live page of a queue number taken at the centre. */
export const ticketPath = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}`;
/** The address where one of my bookings is moved to another time. */
export const reschedulePath = (code: string) => `${bookingPath(code)}/reschedule`;

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

/**
 * Home tiles whose feature is not built yet: the tile says "Sắp có" before anyone taps it, and the page explains
 * (UnderDevelopmentPage). Remove a feature from here when its page lands.
 */
export const COMING_SOON: ReadonlySet<FeatureId> = new Set<FeatureId>([
  'cameras',
  'police',
  'health',
  'news',
]);
