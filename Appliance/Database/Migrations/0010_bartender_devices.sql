-- A device (a bar tablet) may have the bartender role: the permission table gives it a column of its own.
alter table devices drop constraint devices_role_check;
alter table devices add constraint devices_role_check check (role in ('server', 'bartender', 'manager', 'kitchen', 'integration'));
alter table pairing_codes drop constraint pairing_codes_role_check;
alter table pairing_codes add constraint pairing_codes_role_check check (role in ('server', 'bartender', 'manager', 'kitchen', 'integration'));
