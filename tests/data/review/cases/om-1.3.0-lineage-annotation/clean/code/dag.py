from airflow.operators.python import PythonOperator
from metadata.generated.schema.entity.data.table import Table
from metadata.ingestion.source.pipeline.airflow.lineage_parser import OMEntity

task = PythonOperator(
    task_id="load",
    python_callable=print,
    outlets=[OMEntity(entity=Table, fqn="mysql.db.schema.orders")],
)
