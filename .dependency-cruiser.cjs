// Dependency rules that `npm test` enforces (npm run lint:deps). Types count: a type-only import is still a
// dependency between modules, so a cycle through types is still a cycle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Dependencies flow one way: no module may reach itself again through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-not-http',
      severity: 'error',
      comment:
        "Services and repositories hold the newsroom's rules and queries; they must not know HTTP (Hono, src/http other than the " +
        'error type), routes (*.site / *.desk / *.api), views (*.view.tsx, src/ui) or the desk shell.',
      from: { path: '\\.(service|repo)\\.ts$' },
      to: {
        path: [
          '^node_modules/hono/',
          '^node_modules/@hono/',
          '^src/http/(?!errors\\.ts$)',
          '\\.(site|desk|api)\\.tsx?$',
          '\\.view\\.tsx$',
          '^src/ui/',
          '^src/desk/',
        ],
      },
    },
    {
      name: 'lib-is-a-leaf',
      severity: 'error',
      comment:
        'src/lib holds generic helpers with no domain knowledge: it imports nothing else of ours but the one error type.',
      from: { path: '^src/lib/' },
      to: { path: '^src/(?!lib/|http/errors\\.ts$)' },
    },
    {
      name: 'routes-are-not-libraries',
      severity: 'error',
      comment:
        "Route modules (*.site / *.desk / *.api and the desk's route list) are imported only by the route lists and tests; " +
        'what other code needs from them belongs in a library file beside them.',
      from: {
        path: '^src/',
        pathNot: [
          '\\.test\\.tsx?$',
          '^src/http/app\\.tsx$',
          '^src/desk/(desk|editor)\\.routes\\.ts$',
          '^src/main\\.ts$',
        ],
      },
      to: { path: '\\.(site|desk|api)\\.tsx?$' },
    },
    {
      name: 'faces-call-services',
      severity: 'error',
      comment:
        'Faces (routes *.site / *.desk / *.api, views, presenters, src/ui) read and write through services and loaders, never ' +
        'a repository: a type from a repository is fine, a query is not.',
      from: { path: ['\\.(site|desk|api)\\.tsx?$', '\\.view\\.tsx$', '\\.present\\.ts$', '^src/ui/'] },
      to: { path: '\\.repo\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-test',
      severity: 'error',
      comment: 'Production code never imports test support.',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)assets/' },
  },
};
