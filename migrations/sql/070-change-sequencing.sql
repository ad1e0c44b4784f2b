-- Gives a tenant's committed changes their sequence numbers, the positions the change feed reads
-- them by. Writers insert changes without one (so they never wait for each other); every reader
-- of the feed calls this first. The tenant's counter row serialises sequencing: numbers are
-- gapless, never reused, and follow the order in which changes became visible (for changes to one
-- object, the order they were made in, since its writers take turns on its row). Returns the
-- feed's bounds: the last number given, and up to which number changes have been purged.
drop function if exists directory_sequence_changes(uuid);
create function directory_sequence_changes(tenant uuid, out last_seq bigint, out purged_through bigint)
language plpgsql
set plan_cache_mode = auto
as $$
declare
  last_assigned bigint;
  assigned bigint;
begin
  -- Nothing to number is the common case, and then nothing is locked or written.
  if not exists (select 1 from directory_changes c where c.tenant_id = tenant and c.seq is null) then
    select c.last_seq, c.purged_through into last_seq, purged_through
      from directory_change_counters c where c.tenant_id = tenant;
    last_seq := coalesce(last_seq, 0);
    purged_through := coalesce(purged_through, 0);
    return;
  end if;
  insert into directory_change_counters (tenant_id, last_seq) values (tenant, 0) on conflict (tenant_id) do nothing;
  select c.last_seq, c.purged_through into last_assigned, purged_through
    from directory_change_counters c where c.tenant_id = tenant for update;
  -- A fresh snapshot after the lock: what a sequencer before us numbered is no longer pending.
  with pending as (
    select c.id, row_number() over (order by c.id) as position
      from directory_changes c where c.tenant_id = tenant and c.seq is null
  )
  update directory_changes c set seq = last_assigned + p.position
    from pending p where c.tenant_id = tenant and c.id = p.id;
  get diagnostics assigned = row_count;
  last_seq := last_assigned + assigned;
  update directory_change_counters c set last_seq = directory_sequence_changes.last_seq where c.tenant_id = tenant;
end
$$;
