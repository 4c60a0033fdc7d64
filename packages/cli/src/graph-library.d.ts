// The graph layout library's browser build as a string, provided by the bundler (tsdown.config.ts).
declare module "netpol:graph-library" {
  /** dagre's minified browser build, with its licence notice. */
  const source: string;
  export default source;
}
