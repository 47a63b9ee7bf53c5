export * from './GoldenPathsApi';
export * from './types';
