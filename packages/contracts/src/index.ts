export * from './access.ts';
export * from './agencies.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './categories.ts';
export * from './common.ts';
export * from './communes.ts';
export * from './staff.ts';
