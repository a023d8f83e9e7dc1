-- The audit log, newest first, optionally filtered by user, action and time; at most $limit rows.
with entries as (
    select
        audit_id,
        time,
        "user",
        role,
        action,
        ok,
        detail,
    from audit_log
    where ($user is null or "user" = $user)
      and ($action is null or action = $action)
      and ($since is null or time >= $since)
)
select * from entries
order by time desc, audit_id desc
limit $limit
