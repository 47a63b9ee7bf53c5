/** Annotation keys and the name rule live in @internal/plugin-golden-paths-common. */
export {
  CREATED_AT_ANNOTATION,
  DNS_LABEL,
  SOURCE_TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '@internal/plugin-golden-paths-common';
