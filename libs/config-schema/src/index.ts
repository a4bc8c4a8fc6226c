export * from './errors';
export * from './common';
export * from './tenant';
export * from './service';
export * from './route';
export * from './upstream';
export * from './snapshot';
export * from './cluster';
