import { ESLint } from "eslint";

// The config is passed in rather than found on disk: ESLint loads config files with a dynamic import that Jest's VM refuses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../eslint.config.js") as ESLint.Options["overrideConfig"];
const eslint = new ESLint({ cwd: `${__dirname}/../..`, overrideConfigFile: true, overrideConfig: config });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("lint enforces the dependency directions of design/style.md", () => {
  test.each([
    ["src/core/orgs/registry.ts", 'import { x } from "../../office/mailbox";\nexport const y = x;', "no-restricted-imports"],
    ["src/core/orgs/registry.ts", 'import { useState } from "react";\nexport const y = useState;', "React belongs in src/taskpane only"],
    ["src/core/orgs/registry.ts", "export const y = () => fetch('https://x.example');", "HttpSend port"],
    ["src/core/orgs/registry.ts", "export const y = () => Office.context;", "Office.js is reached only through src/office"],
    ["src/dataverse/client.ts", 'import { App } from "../taskpane/app";\nexport const y = App;', "may not import src/taskpane"],
    ["src/commands/track.ts", 'import { Button } from "@fluentui/react-components";\nexport const y = Button;', "Fluent UI belongs in src/taskpane only"],
    ["src/auth/tokens.ts", "export const y = () => Office.context;", "Office.js is reached only through src/office"],
    ["src/dataverse/client.ts", 'import { Store } from "../../emulator/src/store/store";\nexport const y = Store;', "must not share code with the emulator"],
    ["src/simulator/mailbox.ts", 'import type { X } from "../../test/support/fake";\nexport type Y = X;', "Product code may not import test code"],
    ["src/taskpane/app/app.tsx", 'import { x } from "../../../test/support/fake";\nexport const y = x;', "Product code may not import test code"],
    ["src/office/mailbox.ts", 'import { x } from "../../test/support/fake";\nexport const y = x;', "Product code may not import test code"],
    ["emulator/src/web-api/x.ts", 'import { y } from "../../../src/core/errors";\nexport const z = y;', "must not share code with the add-in"],
  ])("%s refuses a forbidden import or global (%#)", async (filePath, code, expected) => {
    expect((await problems(filePath, code)).join("\n")).toContain(expected);
  });

  test.each([
    ["src/dataverse/client.ts", 'import { y } from "../core/errors";\nexport const z = y;'],
    ["src/office/mailbox.ts", "export const y = () => Office.context;"],
    ["src/taskpane/app.ts", 'import { y } from "../core/errors";\nexport const z = y;'],
    ["src/simulator/mailbox.ts", 'import type { FakeMessage } from "./host/office-fake";\nexport type M = FakeMessage;'],
  ])("%s allows an inward import (%#)", async (filePath, code) => {
    expect(await problems(filePath, code)).toEqual([]);
  });
});
