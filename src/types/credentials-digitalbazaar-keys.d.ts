// @digitalbazaar/ed25519-multikey and @digitalbazaar/did-method-key (untyped): what openler uses.
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519Signer {
    algorithm: 'Ed25519';
    id?: string;
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519Verifier {
    algorithm: 'Ed25519';
    id?: string;
    verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }
  export interface Ed25519MultikeyPair {
    id?: string;
    controller?: string;
    type?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean; canonicalize?: boolean }): Promise<Record<string, unknown>>;
    signer(): Ed25519Signer;
    verifier(): Ed25519Verifier;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519MultikeyPair>;
  export function from(key: object): Promise<Ed25519MultikeyPair>;
  export function fromJwk(options: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<Ed25519MultikeyPair>;
}

declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: (key: { publicKeyMultibase: string }) => Promise<unknown> }): void;
    /** A DID document for a DID, or the verification method for a DID URL with a fragment. */
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
    publicKeyToDidDoc(options: { publicKeyDescription: object }): Promise<{ didDocument: Record<string, unknown> }>;
  }
  export function driver(): DidKeyDriver;
}
