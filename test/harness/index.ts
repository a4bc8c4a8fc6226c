export * from './api';
export * from './database';
export * from './platform';
export * from './ports';
export * from './process';
export * from './redis';
export * from './upstream';
export { startPostgres, createDatabaseOn } from './postgres';
export * from './fault-proxy';
