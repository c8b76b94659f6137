import { AppError } from "../../../../src/core/errors";
import { MAX_ORG_URL_LENGTH, parseOrgUrl, type OrgUrlProblem } from "../../../../src/core/orgs/org-url";
import type { OrgAddress } from "../../../../src/core/orgs/types";

type Accepted = [input: string, url: string, deployment: OrgAddress["deployment"]];
type Refused = [input: string, problem: OrgUrlProblem];

const ONLINE_REGIONS = ["crm", "crm2", "crm3", "crm4", "crm5", "crm6", "crm7", "crm8", "crm9", "crm10", "crm11", "crm12", "crm14", "crm15", "crm16", "crm17", "crm19", "crm20", "crm21"];

const ACCEPTED: Accepted[] = [
  // online, the whole address from a browser
  ["https://contoso.crm4.dynamics.com/main.aspx?appid=1f4e5d6c-0000-4a4a-9b9b-123456789abc&pagetype=entitylist&etn=contact", "https://contoso.crm4.dynamics.com", "online"],
  ["https://contoso.crm4.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=account&id=42#section", "https://contoso.crm4.dynamics.com", "online"],
  ["https://contoso.crm.dynamics.com/main.aspx#etn=contact&pagetype=entitylist", "https://contoso.crm.dynamics.com", "online"],
  ["https://contoso.crm4.dynamics.com/apps/sales/main.aspx?forceUCI=1", "https://contoso.crm4.dynamics.com", "online"],
  ["https://contoso.api.crm.dynamics.com/api/data/v9.2/", "https://contoso.crm.dynamics.com", "online"],
  ["https://contoso.api.crm4.dynamics.com/api/data/v9.2/WhoAmI", "https://contoso.crm4.dynamics.com", "online"],
  ["https://contoso.crm.dynamics.com", "https://contoso.crm.dynamics.com", "online"],
  ["contoso.crm.dynamics.com", "https://contoso.crm.dynamics.com", "online"],
  ["contoso.crm.dynamics.com/main.aspx?appid=1", "https://contoso.crm.dynamics.com", "online"],
  ["//contoso.crm.dynamics.com/", "https://contoso.crm.dynamics.com", "online"],
  ["   https://contoso.crm.dynamics.com/   ", "https://contoso.crm.dynamics.com", "online"],
  ["\thttps://contoso.crm.dynamics.com/main.aspx\r\n", "https://contoso.crm.dynamics.com", "online"],
  ["\u00a0https://contoso.crm.dynamics.com\u3000", "https://contoso.crm.dynamics.com", "online"],
  ["HTTPS://CONTOSO.CRM.DYNAMICS.COM/MAIN.ASPX", "https://contoso.crm.dynamics.com", "online"],
  ["https://Contoso.Crm4.Dynamics.Com/", "https://contoso.crm4.dynamics.com", "online"],
  ["https://contoso.crm.dynamics.com./", "https://contoso.crm.dynamics.com", "online"],
  ["https://contoso.crm.dynamics.com..///", "https://contoso.crm.dynamics.com", "online"],
  ["https://contoso.crm.dynamics.com:443/main.aspx", "https://contoso.crm.dynamics.com", "online"],
  ["https://org-with-hyphen1.crm.dynamics.com/", "https://org-with-hyphen1.crm.dynamics.com", "online"],
  ["https://contoso.crm.dynamics.com?x=@evil.test", "https://contoso.crm.dynamics.com", "online"],
  ...ONLINE_REGIONS.map((region): Accepted => [`https://contoso.${region}.dynamics.com/main.aspx?appid=x`, `https://contoso.${region}.dynamics.com`, "online"]),
  // sovereign clouds
  ["https://contoso.crm.microsoftdynamics.us/main.aspx", "https://contoso.crm.microsoftdynamics.us", "online"],
  ["https://contoso.api.crm.microsoftdynamics.us/api/data/v9.2/", "https://contoso.crm.microsoftdynamics.us", "online"],
  ["https://contoso.crm.appsplatform.us/", "https://contoso.crm.appsplatform.us", "online"],
  ["https://contoso.crm.dynamics.cn/main.aspx", "https://contoso.crm.dynamics.cn", "online"],
  ["https://contoso.crm.microsoftdynamics.de/", "https://contoso.crm.microsoftdynamics.de", "online"],
  // on-premises: org name in the path
  ["https://crm.contoso.local/ContosoOrg/main.aspx?etc=2&pagetype=entityrecord", "https://crm.contoso.local/ContosoOrg", "onPremises"],
  ["https://crm.contoso.local/ContosoOrg", "https://crm.contoso.local/ContosoOrg", "onPremises"],
  ["https://crm.contoso.local/ContosoOrg/api/data/v9.0/accounts", "https://crm.contoso.local/ContosoOrg", "onPremises"],
  ["https://crm.contoso.local/ContosoOrg/WebResources/new_page.htm", "https://crm.contoso.local/ContosoOrg", "onPremises"],
  ["https://Crm.Contoso.Local/Contoso_Org/", "https://crm.contoso.local/Contoso_Org", "onPremises"],
  ["https://crm.contoso.local:5555/ContosoOrg/main.aspx", "https://crm.contoso.local:5555/ContosoOrg", "onPremises"],
  ["https://crm.contoso.local:443/ContosoOrg", "https://crm.contoso.local/ContosoOrg", "onPremises"],
  ["https://host.example:5555/org", "https://host.example:5555/org", "onPremises"],
  ["crm.contoso.local/ContosoOrg/main.aspx", "https://crm.contoso.local/ContosoOrg", "onPremises"],
  // on-premises, IFD style: the org is the host
  ["https://crm.contoso.local/main.aspx", "https://crm.contoso.local", "onPremises"],
  ["https://contosoorg.crm.contoso.local/api/data/v9.1/accounts", "https://contosoorg.crm.contoso.local", "onPremises"],
  ["https://crm.contoso.local/tools/diagnostics/diag.aspx", "https://crm.contoso.local", "onPremises"],
  ["https://crm.contoso.local/_root/homepage.aspx?etc=4", "https://crm.contoso.local", "onPremises"],
  ["https://crm.contoso.local/XRMServices/2011/Organization.svc", "https://crm.contoso.local", "onPremises"],
  ["https://crm.contoso.local/", "https://crm.contoso.local", "onPremises"],
  ["https://crm.contoso.local?x=1", "https://crm.contoso.local", "onPremises"],
  // the emulator (on-premises style: one host, many orgs)
  ["https://localhost:5555/contoso/api/data/v9.2/WhoAmI", "https://localhost:5555/contoso", "onPremises"],
  ["https://localhost:5555/contoso/main.aspx?appid=x&pagetype=entitylist", "https://localhost:5555/contoso", "onPremises"],
  ["localhost:5555/contoso", "https://localhost:5555/contoso", "onPremises"],
  ["http://localhost:5555/contoso", "http://localhost:5555/contoso", "onPremises"],
  ["http://127.0.0.1:5555/fabrikam/", "http://127.0.0.1:5555/fabrikam", "onPremises"],
  ["https://[::1]:5555/contoso", "https://[::1]:5555/contoso", "onPremises"],
];

const REFUSED: Refused[] = [
  ["", "empty"],
  ["   ", "empty"],
  ["\n\t \r\n", "empty"],
  ["x".repeat(MAX_ORG_URL_LENGTH + 1), "tooLong"],
  [`https://contoso.crm.dynamics.com/main.aspx?appid=${"a".repeat(MAX_ORG_URL_LENGTH)}`, "tooLong"],
  ["https://contoso.crm.dynamics.com/\u0000", "controlCharacters"],
  ["https://contoso.crm.dynamics.com\u202e/moc.tset.live", "controlCharacters"],
  ["https://contoso.crm.dynam\u200bics.com", "controlCharacters"],
  ["https://contoso.crm.dynamics.com/\u0085", "controlCharacters"],
  ["https://contoso.crm.dyna\nmics.com", "controlCharacters"],
  ["https://contoso crm.dynamics.com", "whitespace"],
  ["https://contoso.crm.dynamics.com/main.aspx?a=1 b", "whitespace"],
  ["Contoso Sales", "whitespace"],
  ["http://contoso.crm.dynamics.com/main.aspx", "insecure"],
  ["http://crm.contoso.local/ContosoOrg", "insecure"],
  ["javascript:alert(1)", "scheme"],
  ["JavaScript://contoso.crm.dynamics.com/%0aalert(1)", "scheme"],
  ["data:text/html;base64,PHNjcmlwdD4=", "scheme"],
  ["file:///C:/Users/alex/contoso.url", "scheme"],
  ["ftp://contoso.crm.dynamics.com/", "scheme"],
  ["vbscript:msgbox(1)", "scheme"],
  ["mailto:someone@contoso.example", "scheme"],
  ["https://user:pw@contoso.crm.dynamics.com/", "userInfo"],
  ["https://someone@contoso.crm.dynamics.com", "userInfo"],
  ["crm.dynamics.com@evil.test", "userInfo"],
  ["https://contoso.crm.dynamics.com@evil.test/main.aspx", "userInfo"],
  ["user:pw@contoso.crm.dynamics.com", "userInfo"],
  ["https://contoso.crm.dynamics.com.evil.test/main.aspx", "lookAlike"],
  ["contoso-crm.dynamics.com.example", "lookAlike"],
  ["https://contoso.crm.dynamics.co/", "lookAlike"],
  ["https://contoso.crm.dynamlcs.com/", "lookAlike"],
  ["https://contoso.crm.dynamics.com-login.example/", "lookAlike"],
  ["https://mydynamics.com/contoso", "lookAlike"],
  ["https://contoso.crm.dynamìcs.com/", "lookAlike"],
  ["https://contoso.crm.dyn\u0430mics.com/", "lookAlike"],
  ["https://contoso\uff0ecrm\uff0edynamics\uff0ecom/", "lookAlike"],
  ["https://contoso\u3002crm\u3002dynamics\u3002com/", "lookAlike"],
  ["https://ｃｏｎｔｏｓｏ.crm.dynamics.com/", "lookAlike"],
  ["https://contoso.crm.xn--dynamcs-2ya.com/", "lookAlike"],
  ["https://xn--80ak6aa92e.example/contoso", "nonAsciiHost"],
  ["https://crm.cöntoso.local/ContosoOrg", "nonAsciiHost"],
  ["https://contoso.crm4.dynamics.com:8443/", "port"],
  ["https://crm.contoso.local:99999/ContosoOrg", "port"],
  ["https://crm.contoso.local:0/ContosoOrg", "port"],
  ["https://crm.contoso.local:abc/ContosoOrg", "port"],
  ["https://crm.contoso.local:/ContosoOrg", "port"],
  ["https://contoso.operations.dynamics.com/", "notAnOrg"],
  ["https://contoso.sandbox.operations.dynamics.com/", "notAnOrg"],
  ["https://crm.dynamics.com/", "notAnOrg"],
  ["https://dynamics.com/", "notAnOrg"],
  ["https://contoso.crm22.dynamics.com/", "notAnOrg"],
  ["https://contoso.crm1.dynamics.com/", "notAnOrg"],
  ["https://www.contoso.crm.dynamics.com/", "notAnOrg"],
  ["https://contoso.crm2.microsoftdynamics.us/", "notAnOrg"],
  ["https://globaldisco.crm.dynamics.com/api/discovery/v2.0/Instances", "discoveryAddress"],
  ["https://10.1.2.3/ContosoOrg", "ipAddress"],
  ["https://192.168.0.10:5555/org", "ipAddress"],
  ["https://0x7f.1/contoso", "ipAddress"],
  ["https://2130706433/contoso", "ipAddress"],
  ["https://127.0.0.2/contoso", "ipAddress"],
  ["https://[2001:db8::1]/ContosoOrg", "ipAddress"],
  ["https://crm_server.contoso.local/ContosoOrg", "invalidHost"],
  ["https://-crm.contoso.local/ContosoOrg", "invalidHost"],
  ["https://crm..contoso.local/ContosoOrg", "invalidHost"],
  ["https://crm.contoso.local%2fevil.test/ContosoOrg", "invalidHost"],
  ["contoso", "bareWord"],
  ["https://crmserver/ContosoOrg", "singleLabelHost"],
  ["crmserver:5555/ContosoOrg", "singleLabelHost"],
  ["https://crm.contoso.local/Contoso%20Org/main.aspx", "orgName"],
  ["https://crm.contoso.local/../ContosoOrg", "orgName"],
  ["https:contoso.crm.dynamics.com", "malformed"],
  ["https://", "malformed"],
  ["https:///contoso.crm.dynamics.com", "malformed"],
  ["https://contoso.crm.dynamics.com\\@evil.test", "malformed"],
  ["https:\\\\contoso.crm.dynamics.com", "malformed"],
  ["/contoso/main.aspx", "malformed"],
  ["https://[::1", "malformed"],
];

function refusal(input: string): AppError {
  try {
    parseOrgUrl(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

describe("parseOrgUrl", () => {
  test("the table has at least 60 rows of good and bad inputs", () => {
    expect(ACCEPTED.length + REFUSED.length).toBeGreaterThanOrEqual(60);
    expect(REFUSED.length).toBeGreaterThanOrEqual(30);
  });

  test.each(ACCEPTED)("accepts %j as %s", (input, url, deployment) => {
    expect(parseOrgUrl(input)).toEqual({
      key: url.toLowerCase(),
      url,
      webApiUrl: `${url}/api/data/v9.2/`,
      resource: url,
      deployment,
    });
  });

  test.each(REFUSED)("refuses %j (%s)", (input, problem) => {
    const error = refusal(input);
    expect(error.kind).toBe("invalidInput");
    expect(error.messageKey).toBe(`orgUrl.${problem}`);
    expect(error.message).not.toMatch(/\{\w+\}/);
    expect(error.message.length).toBeGreaterThan(20);
  });

  test("every reason has its own English message", () => {
    const byKey = new Map<string, string>();
    for (const [input] of REFUSED) {
      const error = refusal(input);
      if (!error.messageKey.startsWith("orgUrl.port") && !Object.keys(error.values).includes("host")) byKey.set(error.messageKey, error.message);
    }
    expect(new Set(byKey.values()).size).toBe(byKey.size);
  });

  test("the messages name what is wrong", () => {
    expect(refusal("https://contoso.crm.dynamics.com.evil.test").message).toContain("contoso.crm.dynamics.com.evil.test only looks like a Dynamics 365 address");
    expect(refusal("https://contoso\uff0ecrm\uff0edynamics\uff0ecom/").values).toEqual({ host: "contoso.crm.dynamics.com" });
    expect(refusal("ftp://x.example").message).toContain('"ftp:"');
    expect(refusal("https://x.example:70000/").message).toContain("70000");
    expect(refusal("http://crm.contoso.local/Org").message).toContain("unencrypted");
  });

  test("pastes of the same org in any form give one key", () => {
    const keys = new Set(
      [
        "https://contoso.crm4.dynamics.com/main.aspx?appid=1&pagetype=entitylist",
        "contoso.crm4.dynamics.com",
        "HTTPS://CONTOSO.CRM4.DYNAMICS.COM./",
        "https://contoso.api.crm4.dynamics.com/api/data/v9.2/",
        "https://contoso.crm4.dynamics.com:443/#x",
      ].map((input) => parseOrgUrl(input).key),
    );
    expect([...keys]).toEqual(["https://contoso.crm4.dynamics.com"]);
    expect(parseOrgUrl("https://crm.contoso.local/ContosoOrg/main.aspx").key).toBe(parseOrgUrl("crm.contoso.local/contosoorg").key);
  });

  test.each(ACCEPTED)("the url derived from %j parses to itself", (input) => {
    const address = parseOrgUrl(input);
    expect(parseOrgUrl(address.url)).toEqual(address);
    expect(parseOrgUrl(address.webApiUrl)).toEqual(address);
  });

  test("the resource and the Web API share the org's base URL as a prefix", () => {
    for (const [input] of ACCEPTED) {
      const address = parseOrgUrl(input);
      expect(address.webApiUrl.startsWith(`${address.resource}/`)).toBe(true);
    }
  });

  test("a value that is not a string is refused as empty, not a crash", () => {
    expect(refusal(undefined as unknown as string).messageKey).toBe("orgUrl.empty");
  });
});
