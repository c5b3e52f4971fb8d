export * from './bins';
export * from './claims';
