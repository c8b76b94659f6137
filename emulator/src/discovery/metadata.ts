import type { EmulatorResponse } from "../http/types";
import { INSTANCE_PROPERTIES } from "./instances";

const NULLABLE: ReadonlySet<string> = new Set(["DatacenterName", "TrialExpirationDate", "Purpose", "SchemaType", "DatacenterId", "EnvironmentId"]);

/** Returns the CSDL of Global Discovery: the Instance entity type, its key and the Instances set. */
export function instanceMetadata(): EmulatorResponse {
  const properties = [...INSTANCE_PROPERTIES]
    .map(([name, type]) => `        <Property Name="${name}" Type="Edm.${type}"${NULLABLE.has(name) ? "" : ' Nullable="false"'} />`)
    .join("\n");
  const body = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="Microsoft.Dynamics.CRM" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="Instance">
        <Key>
          <PropertyRef Name="Id" />
        </Key>
${properties}
      </EntityType>
      <EntityContainer Name="DiscoveryService">
        <EntitySet Name="Instances" EntityType="Microsoft.Dynamics.CRM.Instance" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
  return { status: 200, headers: { "Content-Type": "application/xml", "OData-Version": "4.0" }, body };
}
