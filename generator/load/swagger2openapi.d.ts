/** The part of swagger2openapi (7.x, plain JavaScript) that clientsmith calls. */
declare module "swagger2openapi" {
  export interface ConvertOptions {
    /** Repair what the converter knows how to (e.g. a `type` list); without it those stop the conversion. */
    readonly patch?: boolean;
    /** Record problems on the object they concern, under `warnProperty`, instead of stopping. */
    readonly warnOnly?: boolean;
    readonly warnProperty?: string;
    /** Fetch and inline external `$ref`s: never set by clientsmith. */
    readonly resolve?: boolean;
    /** Resolve with the converted document rather than the options object. */
    readonly direct?: true;
    /** The source text, for the resolver; when it is missing the converter dumps the document to YAML. */
    readonly text?: string;
  }
  export function convertObj(swagger: object, options: ConvertOptions): Promise<unknown>;
}
