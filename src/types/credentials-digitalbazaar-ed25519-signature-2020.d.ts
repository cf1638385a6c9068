// @digitalbazaar/ed25519-signature-2020 and ed25519-signature-2020-context (untyped):
// the Ed25519Signature2020 suite openler verifies with, and the suite's JSON-LD context.
declare module '@digitalbazaar/ed25519-signature-2020' {
  import type { DocumentLoader } from 'jsonld';
  export class Ed25519Signature2020 {
    constructor(options?: object);
    /** SHA-256 of the canonical proof options, then SHA-256 of the canonical document (cached per document object). */
    createVerifyData(options: { document: object; proof: object; documentLoader: DocumentLoader }): Promise<Uint8Array>;
    verifySignature(options: { verifyData: Uint8Array; verificationMethod: object; proof: object }): Promise<boolean>;
  }
}

declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
