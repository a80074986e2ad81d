// Import boundaries, checked by `npm run lint` (dependency-cruiser). See docs/ARCHITECTURE.md, "Boundaries".
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'feature-imports-feature',
      comment:
        'A feature of an app never imports another feature: what two features share moves to a shared folder (components, lib, app) or to @dltt/contracts.',
      severity: 'error',
      from: { path: '^apps/(citizen|console)/src/features/([^/]+)/' },
      to: { path: '^apps/$1/src/features/', pathNot: '^apps/$1/src/features/$2/' },
    },
    {
      name: 'shared-imports-feature',
      comment:
        'The platform adapter and the shared folders (components, lib, i18n, platform) import no feature; only app/ (the composition root) mounts features.',
      severity: 'error',
      from: { path: '^apps/(citizen|console)/src/(components|lib|i18n|platform)/' },
      to: { path: '^apps/$1/src/features/' },
    },
    {
      name: 'module-imports-module',
      comment:
        'A server module reaches another only through what services.ts passes in (types may be imported); what several modules share lives outside modules/.',
      severity: 'error',
      from: { path: '^apps/server/src/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^apps/server/src/modules/',
        pathNot: '^apps/server/src/modules/$1/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'shared-server-imports-module',
      comment:
        'Shared server code (db, http, events, jobs, shared, storage) imports no module; services.ts wires them.',
      severity: 'error',
      from: {
        path: '^apps/server/src/(db|http|events|jobs|shared|storage|types)/',
        pathNot: ['\\.test\\.ts$', '^apps/server/src/http/app\\.ts$'],
      },
      to: { path: '^apps/server/src/modules/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-imports-app',
      comment: 'Apps share code through packages/, never by importing each other.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'package-imports-app',
      comment: 'Packages stand alone: they import no app.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-cycle',
      comment: 'No import cycles (type-only imports aside).',
      severity: 'error',
      from: { path: '^(apps|packages)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|www|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'module', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
