/** Decides which instance annotations a response carries, from `Prefer: odata.include-annotations="…"`. */
export type AnnotationFilter = (name: string) => boolean;

/** The annotation names the emulator writes. */
export const FORMATTED_VALUE = "OData.Community.Display.V1.FormattedValue";
export const LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";
export const ASSOCIATED_NAVIGATION = "Microsoft.Dynamics.CRM.associatednavigationproperty";

/** The filter for no annotations at all (no preference given). */
export const NO_ANNOTATIONS: AnnotationFilter = () => false;

/**
 * Returns the filter for an include-annotations pattern list such as `*`, `OData.Community.Display.V1.FormattedValue`
 * or `Microsoft.Dynamics.CRM.*,-Microsoft.Dynamics.CRM.associatednavigationproperty` (OData 4.0 §8.2.8.4:
 * an exclusion wins over an inclusion). Never throws; an empty pattern includes nothing.
 */
export function annotationFilter(patterns: string | undefined): AnnotationFilter {
  if (patterns === undefined) return NO_ANNOTATIONS;
  const items = patterns.split(",").map((p) => p.trim()).filter((p) => p !== "");
  const include = items.filter((p) => !p.startsWith("-"));
  const exclude = items.filter((p) => p.startsWith("-")).map((p) => p.slice(1));
  const matches = (pattern: string, name: string): boolean =>
    pattern === "*" || pattern === name || (pattern.endsWith(".*") && name.startsWith(pattern.slice(0, -1)));
  return (name) => include.some((p) => matches(p, name)) && !exclude.some((p) => matches(p, name));
}
