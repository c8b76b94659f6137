import { ODataError } from "../../../emulator/src/http/odata-error";
import { parseFunctionParameters, parseLiteral } from "../../../emulator/src/web-api/operation-parameters";

describe("function parameter lists", () => {
  test.each([
    ["MessageId='<a@b>',Subject='It''s done'", "", { MessageId: "<a@b>", Subject: "It's done" }],
    ["DirectionCode=0,Subject=@s", "@s='x,y (z)'", { DirectionCode: 0, Subject: "x,y (z)" }],
    ["PrivilegeName='prvReadActivity'", "", { PrivilegeName: "prvReadActivity" }],
    ["Target=@t", "@t={'@odata.id':'emails(00000000-0000-0000-0000-000000000001)'}", { Target: { "@odata.id": "emails(00000000-0000-0000-0000-000000000001)" } }],
    ["Flag=true,Other=null", "", { Flag: true, Other: null }],
    ["", "", {}],
  ])("%s parses", (list, query, expected) => {
    expect(parseFunctionParameters(list, new URLSearchParams(query))).toEqual(expected);
  });

  test.each([
    ["Subject='It's'", "Unterminated"],
    ["Subject='a'b'c'", "not doubled"],
    ["Subject='open", "Unterminated"],
    ["Subject=@missing", "'@missing' was not given a value"],
    ["Subject='a',Subject='b'", "given more than once"],
    ["=5", "malformed"],
    ["X=bareword", "not a valid literal"],
  ])("%s is refused with a 400", (list, message) => {
    let caught: unknown;
    try {
      parseFunctionParameters(list, new URLSearchParams());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ODataError);
    expect((caught as ODataError).status).toBe(400);
    expect((caught as ODataError).message).toContain(message);
  });

  test("a GUID literal is normalised to lower case", () => {
    expect(parseLiteral("6BCBF6BF-1F2A-4AB9-9901-2605B314D72D")).toBe("6bcbf6bf-1f2a-4ab9-9901-2605b314d72d");
  });
});
