-- Every recorded version of the targets file, oldest first, for the change history.
with versions as (
    select
        version_id,
        time,
        author,
        text,
    from target_versions
)
select * from versions
order by version_id
