from metadata.generated.schema.entity.data.table import Table
from metadata.ingestion.ometa.ometa_api import OpenMetadata


def load(payload: dict) -> Table:
    table = Table.model_validate(payload)
    print(table.model_dump_json())
    return table
