import { parseRequirementSets, readPageOptions } from "../../../src/simulator/page-options";

describe("the simulator page's query parameters", () => {
  test("defaults: the built-in mailbox, English, light theme, the fake's requirement sets, pane closed", () => {
    expect(readPageOptions("")).toEqual({ mailboxUrl: undefined, displayLanguage: "en-US", theme: "light", requirementSets: undefined, paneOpen: false });
  });

  test("each parameter", () => {
    expect(readPageOptions("?mailbox=/fixtures/big.json&lang=de-DE&theme=dark&requirements=Mailbox:1.7,NestedAppAuth:1.1&pane=open")).toEqual({
      mailboxUrl: "/fixtures/big.json",
      displayLanguage: "de-DE",
      theme: "dark",
      requirementSets: { Mailbox: "1.7", NestedAppAuth: "1.1" },
      paneOpen: true,
    });
  });

  test("malformed values fall back", () => {
    expect(readPageOptions("?lang=<script>&theme=purple&mailbox=%20").displayLanguage).toBe("en-US");
    expect(readPageOptions("?theme=purple").theme).toBe("light");
    expect(readPageOptions("?mailbox=%20").mailboxUrl).toBeUndefined();
    expect(parseRequirementSets("Mailbox:one, :1.2, Mailbox")).toBeUndefined();
    expect(parseRequirementSets("Mailbox:1.13, junk")).toEqual({ Mailbox: "1.13" });
  });
});
