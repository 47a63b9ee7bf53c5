/** Annotations the golden paths write on what they create and read back. @public */
export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';
/** @public */
export const TEMPLATE_VERSION_ANNOTATION =
  'fintech-fast.example/template-version';
/** @public */
export const CREATED_AT_ANNOTATION = 'fintech-fast.example/created-at';

/** A DNS label: what Kubernetes, repositories and the catalog all accept. @public */
export const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
