/**
 * The VC 2.0 examples context: every term not otherwise defined is a term of
 * the examples vocabulary. Specifications, test suites and many sample
 * credentials use it; no npm package carries it, so openler states it here.
 */
export const EXAMPLES_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/examples/v2';

export const examplesV2Context: { '@context': Record<string, unknown> } = {
  '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
};
