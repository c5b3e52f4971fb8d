export * from './conditions';
export * from './response';
export * from './budget';
