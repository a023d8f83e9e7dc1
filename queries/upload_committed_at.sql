-- When upload $upload was committed: the "as known at" moment that shows the data exactly as that upload left it
-- (every query's known_* cutoff keeps the uploads committed at or before it).
select time
from uploads
where upload_id = $upload
