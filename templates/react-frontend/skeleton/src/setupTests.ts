import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Unmount what each test rendered (Vitest runs without globals).
afterEach(cleanup);
