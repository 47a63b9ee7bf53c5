export { PlatformOnly } from './PlatformOnly';
