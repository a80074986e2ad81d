import 'i18next';
import type vi from './vi.json';

// Typed keys: t('features.planning.title') is checked against vi.json at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}
