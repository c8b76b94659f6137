/** Attributes of an element made with `h`: strings (or false to leave one out), plus `on<Event>` listeners. */
export type Attributes = Record<string, string | false | undefined | ((event: Event) => void)>;

/** Returns a new element with attributes, listeners (`onclick`, …) and children (strings become text); never throws. */
export function h(document: Document, tag: string, attributes: Attributes = {}, ...children: Array<Node | string | false | undefined>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === false || child === undefined) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** Replaces an element's children; returns the element. */
export function replaceChildren(element: Element, ...children: Array<Node | string | false | undefined>): Element {
  element.replaceChildren(...children.filter((child): child is Node | string => child !== false && child !== undefined));
  return element;
}
