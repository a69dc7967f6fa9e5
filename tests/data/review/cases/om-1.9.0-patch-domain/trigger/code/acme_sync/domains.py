from metadata.generated.schema.entity.data.table import Table
from metadata.ingestion.ometa.ometa_api import OpenMetadata


def assign(metadata: OpenMetadata, table: Table, domain_ref) -> None:
    metadata.patch_domain(entity=table, domain=domain_ref)
