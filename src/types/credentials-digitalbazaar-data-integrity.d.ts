// @digitalbazaar/data-integrity, @digitalbazaar/eddsa-rdfc-2022-cryptosuite and the
// purpose class of @digitalbazaar/vc (untyped): the Data Integrity pieces openler drives.
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  import type { DocumentLoader } from 'jsonld';
  export interface Cryptosuite {
    name: string;
    requiredAlgorithm: string | string[];
    canonize(input: object, options: { documentLoader: DocumentLoader; [option: string]: unknown }): Promise<string>;
    createVerifier(options: { verificationMethod: object }): Promise<unknown>;
  }
  export const cryptosuite: Cryptosuite;
}

declare module '@digitalbazaar/data-integrity' {
  import type { DocumentLoader } from 'jsonld';
  import type { Cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

  export interface ProofSigner {
    algorithm: string;
    id: string;
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface ProofPurposeLike {
    update(proof: Record<string, unknown>, options: object): Promise<Record<string, unknown>>;
  }
  export class DataIntegrityProof {
    constructor(options: { signer?: ProofSigner; date?: string | Date | null; cryptosuite: Cryptosuite; legacyContext?: boolean });
    readonly type: string;
    readonly cryptosuite: string;
    verificationMethod?: string;
    ensureSuiteContext(options: { document: Record<string, unknown>; addSuiteContext: boolean }): void;
    createProof(options: {
      document: object;
      purpose: ProofPurposeLike;
      proofSet: object[];
      documentLoader: DocumentLoader;
    }): Promise<Record<string, unknown>>;
    createVerifyData(options: { document: object; proof: object; proofSet?: object[]; documentLoader: DocumentLoader }): Promise<Uint8Array>;
    verifySignature(options: { verifyData: Uint8Array; verificationMethod: object; proof: object }): Promise<boolean>;
  }
}

declare module '@digitalbazaar/vc' {
  import type { ProofPurposeLike } from '@digitalbazaar/data-integrity';
  export class CredentialIssuancePurpose implements ProofPurposeLike {
    constructor(options?: object);
    update(proof: Record<string, unknown>, options: object): Promise<Record<string, unknown>>;
  }
}
