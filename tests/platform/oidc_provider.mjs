// A real OpenID Connect provider for the tests: npm's `oidc-provider` (frontend/package-lock.json)
// with its own login and consent pages (devInteractions), in its own process.
// Usage: node oidc_provider.mjs <port> <clients.json>; prints "ready <issuer>" when listening.
// The login name is the test account; any password is taken (the accounts are test fixtures).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const frontend = path.resolve(here, "../../frontend/package.json");
const entry = createRequire(frontend).resolve("oidc-provider");
const { default: Provider } = await import(pathToFileURL(entry).href);

const port = Number(process.argv[2]);
const clients = JSON.parse(readFileSync(process.argv[3], "utf8"));
const issuer = `http://127.0.0.1:${port}`;

// Test accounts, as an eHerkenning / DigiD broker and a ministry IdP would describe them.
const ACCOUNTS = {
  "inkoper-fairwear": {
    kvk: "34567890",
    organization_name: "Fair Wear Kleding B.V.",
  },
  "burger-digid": {},
  "ambtenaar-bz": {
    email: "analist@minbuza.example",
    email_verified: true,
    name: "A. Analist",
  },
  "onbekend-bz": {
    email: "niemand@minbuza.example",
    email_verified: true,
    name: "N. Iemand",
  },
};

const provider = new Provider(issuer, {
  clients,
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
    eherkenning: ["kvk", "organization_name"],
  },
  scopes: ["openid", "email", "profile", "eherkenning"],
  acrValues: ["urn:etoegang:core:assurance-class:loa3", "mfa"],
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["meedenken-test-provider-cookie-key"] },
  async findAccount(ctx, id) {
    if (!(id in ACCOUNTS)) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) };
  },
});
provider.listen(port, "127.0.0.1", () => console.log(`ready ${issuer}`));
