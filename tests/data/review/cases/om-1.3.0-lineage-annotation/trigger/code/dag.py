from airflow.operators.python import PythonOperator

task = PythonOperator(
    task_id="load",
    python_callable=print,
    outlets={"tables": ["mysql.db.schema.orders"]},
)
