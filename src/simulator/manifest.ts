/**
 * The part of the add-in-only XML manifest the simulator shows: the buttons of the read surface's
 * group (label, tooltip, icon, and what they do), the function file, and the task pane page. It
 * reads the innermost VersionOverrides (V1_1 inside V1_0, as Outlook does when it knows 1.1) and
 * resolves `resid` references and `bt:Override` labels for the display language.
 */

/** What a button does. */
export type ButtonAction =
  | { kind: "executeFunction"; functionName: string; supportsMultiSelect: boolean }
  | { kind: "showTaskpane"; url: string; supportsPinning: boolean; supportsMultiSelect: boolean };

/** A ribbon button of the manifest. */
export interface ManifestButton {
  id: string;
  /** The label in the display language. */
  label: string;
  /** The label as the manifest's default (English) says it. */
  defaultLabel: string;
  tooltip: string;
  /** Icon URLs by size (16, 32, 80). */
  icons: Record<string, string>;
  action: ButtonAction;
}

/** What the simulator needs of the manifest. */
export interface SimulatorManifest {
  displayName: string;
  groupLabel: string;
  buttons: ManifestButton[];
  /** The function file (commands page), when a button executes a function. */
  functionFileUrl: string | undefined;
  /** The task pane page of the read form (`FormSettings`), the add-in's base for URL mapping. */
  sourceLocation: string | undefined;
}

const XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** Returns the simulator's view of an XML manifest in a display language (`de-DE`); throws an Error naming what is missing or malformed. */
export function parseManifest(xml: string, parser: DOMParser, language = "en-US"): SimulatorManifest {
  const document = parser.parseFromString(xml, "application/xml");
  if (document.getElementsByTagName("parsererror").length > 0) throw new Error("manifest.xml is not well-formed XML.");
  const root = document.documentElement;
  if (root.localName !== "OfficeApp") throw new Error("manifest.xml has no OfficeApp root element.");

  const overrides = elements(root, "VersionOverrides");
  const innermost = overrides.find((candidate) => elements(candidate, "VersionOverrides").length === 0);
  if (innermost === undefined) throw new Error("manifest.xml has no VersionOverrides: it declares no ribbon buttons.");
  const resources = resourceTable(innermost, language);

  const surface = elements(innermost, "ExtensionPoint").find((point) => typeOf(point) === "MessageReadCommandSurface");
  if (surface === undefined) throw new Error("manifest.xml has no MessageReadCommandSurface extension point.");
  const group = elements(surface, "Group")[0];
  if (group === undefined) throw new Error("manifest.xml's MessageReadCommandSurface has no Group.");

  const buttons = childElements(group, "Control").map((control) => button(control, resources));
  const functionFile = elements(innermost, "FunctionFile")[0];
  const sourceLocation = elements(root, "FormSettings").flatMap((settings) => elements(settings, "SourceLocation"))[0];
  return {
    displayName: localized(childElements(root, "DisplayName")[0], language) ?? "",
    groupLabel: resources.text(childElements(group, "Label")[0]?.getAttribute("resid"))?.text ?? "",
    buttons,
    functionFileUrl: resources.url(functionFile?.getAttribute("resid")),
    sourceLocation: sourceLocation?.getAttribute("DefaultValue") ?? undefined,
  };
}

function button(control: Element, resources: ResourceTable): ManifestButton {
  const id = control.getAttribute("id") ?? "";
  const labelId = childElements(control, "Label")[0]?.getAttribute("resid");
  const label = resources.text(labelId);
  if (label === undefined) throw new Error(`manifest.xml: control ${id} has no label.`);
  const tooltipId = elements(control, "Supertip").flatMap((tip) => childElements(tip, "Description"))[0]?.getAttribute("resid");
  const icons: Record<string, string> = {};
  for (const image of elements(control, "Image")) {
    const url = resources.image(image.getAttribute("resid"));
    const size = image.getAttribute("size");
    if (url !== undefined && size !== null) icons[size] = url;
  }
  const actionElement = childElements(control, "Action")[0];
  if (actionElement === undefined) throw new Error(`manifest.xml: control ${id} has no Action.`);
  const flag = (name: string): boolean => (childElements(actionElement, name)[0]?.textContent ?? "").trim().toLowerCase() === "true";
  let action: ButtonAction;
  const kind = typeOf(actionElement);
  if (kind === "ExecuteFunction") {
    const functionName = (childElements(actionElement, "FunctionName")[0]?.textContent ?? "").trim();
    if (functionName === "") throw new Error(`manifest.xml: control ${id} executes no FunctionName.`);
    action = { kind: "executeFunction", functionName, supportsMultiSelect: flag("SupportsMultiSelect") };
  } else if (kind === "ShowTaskpane") {
    const url = resources.url(childElements(actionElement, "SourceLocation")[0]?.getAttribute("resid"));
    if (url === undefined) throw new Error(`manifest.xml: control ${id} shows a task pane without a SourceLocation.`);
    action = { kind: "showTaskpane", url, supportsPinning: flag("SupportsPinning"), supportsMultiSelect: flag("SupportsMultiSelect") };
  } else {
    throw new Error(`manifest.xml: control ${id} has an action the simulator does not know (${kind}).`);
  }
  return { id, label: label.text, defaultLabel: label.defaultText, tooltip: resources.text(tooltipId)?.text ?? "", icons, action };
}

interface ResourceText {
  text: string;
  defaultText: string;
}

interface ResourceTable {
  text(id: string | null | undefined): ResourceText | undefined;
  url(id: string | null | undefined): string | undefined;
  image(id: string | null | undefined): string | undefined;
}

function resourceTable(overrides: Element, language: string): ResourceTable {
  const resources = childElements(overrides, "Resources")[0];
  const byId = (section: string): Map<string, Element> => {
    const map = new Map<string, Element>();
    for (const container of resources === undefined ? [] : childElements(resources, section)) {
      for (const entry of childElements(container)) {
        const id = entry.getAttribute("id");
        if (id !== null) map.set(id, entry);
      }
    }
    return map;
  };
  const strings = new Map([...byId("ShortStrings"), ...byId("LongStrings")]);
  const urls = byId("Urls");
  const images = byId("Images");
  return {
    text(id) {
      const entry = id == null ? undefined : strings.get(id);
      if (entry === undefined) return undefined;
      const defaultText = entry.getAttribute("DefaultValue") ?? "";
      return { text: localized(entry, language) ?? defaultText, defaultText };
    },
    url: (id) => (id == null ? undefined : (urls.get(id)?.getAttribute("DefaultValue") ?? undefined)),
    image: (id) => (id == null ? undefined : (images.get(id)?.getAttribute("DefaultValue") ?? undefined)),
  };
}

/** The Override of an element for a language (exact locale, then the same language), else its DefaultValue. */
function localized(element: Element | undefined, language: string): string | undefined {
  if (element === undefined) return undefined;
  const overrides = childElements(element, "Override");
  const wanted = language.toLowerCase();
  const primary = wanted.split("-")[0];
  const exact = overrides.find((override) => (override.getAttribute("Locale") ?? "").toLowerCase() === wanted);
  const sameLanguage = overrides.find((override) => (override.getAttribute("Locale") ?? "").toLowerCase().split("-")[0] === primary);
  return (exact ?? sameLanguage)?.getAttribute("Value") ?? element.getAttribute("DefaultValue") ?? undefined;
}

function typeOf(element: Element): string {
  const value = element.getAttributeNS(XSI, "type") ?? element.getAttribute("xsi:type") ?? "";
  return value.includes(":") ? (value.split(":").pop() ?? "") : value;
}

/** Descendant elements with a local name (namespace-agnostic). */
function elements(parent: Element, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS("*", localName));
}

/** Child elements, optionally with a local name. */
function childElements(parent: Element, localName?: string): Element[] {
  return Array.from(parent.children).filter((child) => localName === undefined || child.localName === localName);
}

/**
 * Returns where an add-in URL of the manifest is on the server the simulator runs on: a URL below
 * the add-in's base (the folder of the read form's page, `https://localhost:3000/` in the dev
 * manifest, the hosting URL in a production one) maps to the same place below the simulator
 * page's folder; any other URL is kept. Never throws (an unparsable URL is returned as is).
 */
export function localUrl(url: string, sourceLocation: string | undefined, simulatorPage: string): string {
  try {
    const target = new URL(url);
    const here = new URL(".", simulatorPage);
    if (sourceLocation === undefined) return target.href;
    const base = new URL(".", sourceLocation);
    if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) return target.href;
    return new URL(target.pathname.slice(base.pathname.length) + target.search + target.hash, here).href;
  } catch {
    return url;
  }
}
