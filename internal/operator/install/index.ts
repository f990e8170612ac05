// Install paths generated from the operator's TypeScript: the chart's CRD and RBAC
// templates, and the plain manifests rendered from the chart.
export * from './chart-templates.render.js';
export * from './manifests.render.js';
export * from './generated-files.js';
