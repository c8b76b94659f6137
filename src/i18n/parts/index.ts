import type { PartSources } from "../types";
import { commandsPart } from "./commands";
import { errorsPart } from "./errors";
import { panePart } from "./pane";
import { viewsPart } from "./views";

/** Every part's source: for the tests and tools that want a language whole (a surface names only the parts it shows, so that its bundle reaches no other). */
export const ALL_PARTS: Required<PartSources> = { errors: errorsPart, commands: commandsPart, pane: panePart, views: viewsPart };
