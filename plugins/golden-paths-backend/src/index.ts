/**
 * Golden paths backend: scaffolder actions that publish and register new
 * services and databases, and the paths' usage and drift.
 *
 * @packageDocumentation
 */
export {
  goldenPathsPlugin as default,
  goldenPathsCatalogModule,
  goldenPathsScaffolderModule,
} from './plugin';
