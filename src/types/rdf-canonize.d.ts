// rdf-canonize (untyped): RDFC-1.0 over an RDF dataset in the quad form jsonld.toRDF produces.
declare module 'rdf-canonize' {
  export interface NamedNode { termType: 'NamedNode'; value: string }
  export interface BlankNode { termType: 'BlankNode'; value: string }
  export interface Literal { termType: 'Literal'; value: string; datatype: NamedNode; language?: string }
  export interface DefaultGraph { termType: 'DefaultGraph'; value: '' }
  export type Term = NamedNode | BlankNode | Literal | DefaultGraph;
  export interface Quad {
    subject: NamedNode | BlankNode;
    predicate: NamedNode;
    object: NamedNode | BlankNode | Literal;
    graph: NamedNode | BlankNode | DefaultGraph;
  }
  export interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    format?: 'application/n-quads';
    maxWorkFactor?: number;
  }
  export function canonize(dataset: readonly Quad[], options: CanonizeOptions): Promise<string>;
}
