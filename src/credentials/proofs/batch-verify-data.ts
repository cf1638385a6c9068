import { createHash } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from 'jsonld';
import { TemplateCanonicalizer, type TemplateStats } from './batch-templates.js';

/**
 * The data an eddsa-rdfc-2022 proof signs, computed through compiled
 * templates: SHA-256 of the canonical proof options (the proof without its
 * proofValue, under the document's context), then SHA-256 of the canonical
 * document, as @digitalbazaar/data-integrity builds it. Proof options repeat
 * across a batch (one key, one creation time), so their hash is kept.
 *
 * Templates are compiled with a document loader and hold what its contexts
 * said, so they are kept per loader (a loader is taken to serve the same
 * context for a URL for as long as it lives, as openler's bundled ones do).
 */

type JsonObject = Record<string, unknown>;

const MAX_PROOF_HASHES = 256;

/** The library's own rule for the Data Integrity context (added unless the VC 2.0 or Data Integrity context is there). */
const contextRules = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

export function ensureSuiteContext(document: JsonObject): void {
  contextRules.ensureSuiteContext({ document, addSuiteContext: true });
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** One template cache per document loader: signers and verifiers made with the same loader share their compiled shapes. */
const makers = new WeakMap<DocumentLoader, VerifyDataMaker>();

export function verifyDataFor(documentLoader: DocumentLoader): VerifyDataMaker {
  let maker = makers.get(documentLoader);
  if (maker === undefined) {
    maker = new VerifyDataMaker(documentLoader);
    makers.set(documentLoader, maker);
  }
  return maker;
}

export class VerifyDataMaker {
  private readonly canonicalizer: TemplateCanonicalizer;
  private readonly proofHashes = new Map<string, Buffer>();

  constructor(documentLoader: DocumentLoader) {
    this.canonicalizer = new TemplateCanonicalizer(documentLoader);
  }

  get stats(): TemplateStats {
    return this.canonicalizer.stats;
  }

  /**
   * The bytes to sign or verify for a document (without its proofs) and a
   * proof, or undefined when a template cannot take one of them: the caller
   * then goes the standard way.
   */
  async verifyData(document: JsonObject, proof: JsonObject): Promise<Buffer | undefined> {
    const options: JsonObject = { '@context': document['@context'], ...proof };
    ensureSuiteContext(options);
    delete options.proofValue;
    let cacheKey: string;
    try {
      cacheKey = JSON.stringify(options);
    } catch {
      return undefined;
    }
    let proofHash = this.proofHashes.get(cacheKey);
    if (proofHash === undefined) {
      const canonicalOptions = await this.canonicalizer.canonize(options);
      if (canonicalOptions === undefined) return undefined;
      proofHash = sha256(canonicalOptions);
      if (this.proofHashes.size >= MAX_PROOF_HASHES) this.proofHashes.clear();
      this.proofHashes.set(cacheKey, proofHash);
    }
    const canonicalDocument = await this.canonicalizer.canonize(document);
    if (canonicalDocument === undefined) return undefined;
    return Buffer.concat([proofHash, sha256(canonicalDocument)]);
  }
}
