import { UnderDevelopmentPage } from '../../components/UnderDevelopment.tsx';

export type DirectoryKind = 'police' | 'health';

/** Nearest police stations or health facilities (one page, two directories). */
export function DirectoryPage({ kind }: { kind: DirectoryKind }) {
  return <UnderDevelopmentPage feature={kind} />;
}
