import type { FeatureId } from '../../app/paths.ts';

export type PortalId = 'national' | 'provincial';

/** The official public-service portals; the app only opens them. */
export const PORTALS: Record<PortalId, { url: string; feature: FeatureId }> = {
  national: { url: 'https://dichvucong.gov.vn', feature: 'nationalPortal' },
  provincial: { url: 'https://dichvucong.daklak.gov.vn', feature: 'provincialPortal' },
};
