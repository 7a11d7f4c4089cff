-- ProfileRepository.avatarInUse asks whether another profile still shows a picture before its files
-- are deleted (on every avatar change, removal and erasure): without an index that read every profile.
create index community_profiles_avatar_hash_idx on community_profiles (avatar_hash) where avatar_hash is not null;
