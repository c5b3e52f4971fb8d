export * from './conditions';
export * from './response';
