from metadata.generated.schema.entity.data.table import Table
from metadata.ingestion.ometa.ometa_api import OpenMetadata


def load(payload: dict) -> Table:
    table = Table.parse_obj(payload)
    print(table.json())
    return table
