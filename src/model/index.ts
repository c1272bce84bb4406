export * from './common';
export * from './scenario';
export * from './catalog';
export * from './result';
export * from './validate';
