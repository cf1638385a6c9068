// The parts of jsonld.js (untyped) that the credentials core uses.
declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: object;
    /** 'static' lets jsonld.js keep the processed context across operations. */
    tag?: 'static';
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

  export interface ProcessingOptions {
    documentLoader?: DocumentLoader;
    /** Fail on anything that would be dropped or be relative (undefined terms, relative IRIs). */
    safe?: boolean;
    base?: string | null;
  }
  export interface ToRdfOptions extends ProcessingOptions {
    format?: 'application/n-quads';
    produceGeneralizedRdf?: boolean;
    rdfDirection?: 'i18n-datatype';
  }
  export interface CanonizeOptions extends ProcessingOptions {
    algorithm?: 'URDNA2015' | 'RDFC-1.0';
    format?: 'application/n-quads';
  }

  interface JsonLd {
    expand(input: object, options?: ProcessingOptions): Promise<object[]>;
    compact(input: object, context: object | string | Array<object | string>, options?: ProcessingOptions): Promise<Record<string, unknown>>;
    toRDF(input: object, options: ToRdfOptions & { format: 'application/n-quads' }): Promise<string>;
    toRDF(input: object, options?: ToRdfOptions): Promise<unknown[]>;
    canonize(input: object, options?: CanonizeOptions): Promise<string>;
    getValues(subject: object, property: string): unknown[];
  }
  const jsonld: JsonLd;
  export default jsonld;
}
