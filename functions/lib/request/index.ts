export * from './request';
export * from './composite';
